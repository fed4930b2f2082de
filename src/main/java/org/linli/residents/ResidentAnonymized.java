package org.linli.residents;

/**
 * A former resident was anonymized: each module replaces, in the same transaction, the
 * name it kept with the pseudonym and erases the contact details it kept. Published to
 * plain {@code @EventListener}s only — it carries the former name, so it is never
 * recorded in the event publication log — and a listener that fails undoes the whole
 * anonymization.
 */
public record ResidentAnonymized(long residentId, String formerName, String pseudonym) {
}
