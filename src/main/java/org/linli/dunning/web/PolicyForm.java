package org.linli.dunning.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.linli.dunning.internal.DunningPolicy;
import org.linli.dunning.internal.Policies;
import org.linli.notifications.Channel;
import org.linli.shared.web.FormValues;

/**
 * The dunning policy form, as typed (text, so that a refused form shows what was sent).
 */
public record PolicyForm(String enabled, String firstAfterDays, String everyDays, String maxReminders,
		List<String> channels) {

	public PolicyForm {
		channels = (channels != null) ? channels : List.of();
	}

	static PolicyForm of(DunningPolicy policy) {
		return new PolicyForm(String.valueOf(policy.enabled()), String.valueOf(policy.firstAfterDays()),
				String.valueOf(policy.everyDays()), String.valueOf(policy.maxReminders()),
				policy.channels().stream().sorted().map(Channel::name).toList());
	}

	/** The command, or every unreadable value refused naming its field. */
	Policies.PolicyCommand command() {
		FormValues values = new FormValues();
		Integer first = values.integer("firstAfterDays", this.firstAfterDays);
		Integer every = values.integer("everyDays", this.everyDays);
		Integer max = values.integer("maxReminders", this.maxReminders);
		Set<Channel> chosen = EnumSet.noneOf(Channel.class);
		for (String channel : this.channels) {
			Channel c = values.choice(Channel.class, "channels", channel);
			if (c != null) {
				chosen.add(c);
			}
		}
		boolean on = "true".equals(this.enabled) || "on".equals(this.enabled);
		if (this.enabled != null && !on && !"false".equals(this.enabled)) {
			values.reject("enabled", "validation.invalidValue");
		}
		values.throwIfAny();
		return new Policies.PolicyCommand(on, first, every, max, chosen);
	}

}
