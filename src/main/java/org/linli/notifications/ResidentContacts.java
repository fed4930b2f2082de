package org.linli.notifications;

import java.util.Optional;

/**
 * How the notifications module reaches a resident, provided by the module that keeps
 * residents: their name and phone in clear, for delivery only (shown masked, never
 * logged). Notifications does not depend on that module; it depends on this.
 */
public interface ResidentContacts {

	Optional<Contact> contact(long residentId);

	/** A resident's name and phone (in clear: not for display). */
	record Contact(long residentId, Long communityId, String name, String phone) {

		@Override
		public String toString() {
			return "Contact[" + this.residentId + "]";
		}

	}

}
