package org.linli.dunning.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.linli.dunning.internal.DunningNotes;
import org.linli.shared.web.FormValues;

/** The form of a dunning note (催缴登记), as typed. */
public record NoteForm(String kind, String note, String promisedOn, String promisedAmount) {

	static NoteForm blank() {
		return new NoteForm(DunningNotes.NoteKind.CALL.name(), null, null, null);
	}

	/** The command, or every unreadable value refused naming its field. */
	DunningNotes.NoteCommand command() {
		FormValues values = new FormValues();
		DunningNotes.NoteKind chosen = values.choice(DunningNotes.NoteKind.class, "kind", this.kind);
		LocalDate on = values.date("promisedOn", this.promisedOn);
		BigDecimal amount = values.decimal("promisedAmount", this.promisedAmount);
		values.throwIfAny();
		return new DunningNotes.NoteCommand(chosen, this.note, on, amount);
	}

}
