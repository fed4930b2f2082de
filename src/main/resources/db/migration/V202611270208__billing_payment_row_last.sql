-- A payment's allocations and prepaid entries are written before the payment row itself, which is written last
-- because its receipt number holds the community's receipt counter until commit: the references to the payment are
-- checked at commit.
ALTER TABLE payment_allocation ALTER CONSTRAINT payment_allocation_payment_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE prepaid_entry ALTER CONSTRAINT prepaid_entry_payment_id_fkey DEFERRABLE INITIALLY DEFERRED;
