package org.linli.dunning.internal;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.linli.billing.Billing;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.ChineseAmounts;
import org.linli.shared.Messages;
import org.linli.shared.Money;
import org.linli.shared.Times;
import org.linli.shared.pdf.ChineseFont;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dunning notices (催缴通知单) to print and deliver by hand: one A4 page per chosen room that
 * owes something past due, with its overdue lines, the total in figures and in capitals,
 * and how to pay. In Chinese, like receipts; worded as a reminder, never as a threat.
 */
@Service
public class DunningNotices {

	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private static final int MAX_ROOMS = 500;

	private final Billing billing;

	private final Estate estate;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Messages messages;

	private final Clock clock;

	private final String bankAccount;

	DunningNotices(Billing billing, Estate estate, CurrentStaff current, AuditLog audit, Messages messages, Clock clock,
			@Value("${linli.dunning.bank-account:}") String bankAccount) {
		this.bankAccount = bankAccount.strip();
		this.billing = billing;
		this.estate = estate;
		this.current = current;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The notices of the chosen rooms, one page each, as one PDF; a room of another
	 * community is refused, and so is a choice where no room owes anything past due.
	 */
	@Transactional
	@PreAuthorize(Access.STAFF_WITH_RESIDENTS)
	public byte[] print(long communityId, List<Long> roomIds) {
		this.current.requireCommunity(communityId, "community", communityId);
		Checks checks = new Checks();
		if (roomIds == null || roomIds.isEmpty()) {
			checks.add("roomIds", "dunning.remind.chooseRooms").throwIfAny();
		}
		if (roomIds.size() > MAX_ROOMS) {
			checks.add("roomIds", "dunning.remind.tooMany", String.valueOf(MAX_ROOMS)).throwIfAny();
		}
		if (roomIds.contains(null)) {
			checks.add("roomIds", "validation.invalidValue").throwIfAny();
		}
		Set<Long> ids = new LinkedHashSet<>(roomIds);
		Map<Long, RoomRef> rooms = this.estate.rooms(ids);
		for (Long id : ids) {
			if (rooms.get(id) == null || rooms.get(id).communityId() != communityId) {
				checks.add("roomIds", "dunning.remind.unknownRoom", String.valueOf(id));
			}
		}
		checks.throwIfAny();
		LocalDate today = Times.today(this.clock);
		List<Notice> notices = new ArrayList<>();
		for (Long id : ids) {
			List<Billing.OpenLine> overdue = this.billing.openLines(id)
				.stream()
				.filter((l) -> l.outstanding().isPositive() && l.dueDate().isBefore(today))
				.toList();
			if (!overdue.isEmpty()) {
				notices.add(new Notice(rooms.get(id), overdue));
			}
		}
		if (notices.isEmpty()) {
			checks.add("roomIds", "dunning.notice.nothingOwed").throwIfAny();
		}
		this.audit.record("DUNNING_NOTICES_PRINTED", "community", communityId, communityId,
				AuditLog.Changes.of().set("rooms", notices.size()));
		return render(notices, today);
	}

	private record Notice(RoomRef room, List<Billing.OpenLine> lines) {

		Money total() {
			return this.lines.stream().map(Billing.OpenLine::outstanding).reduce(Money.ZERO, Money::plus);
		}

	}

	private byte[] render(List<Notice> notices, LocalDate today) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 54, 54, 54, 54);
		PdfWriter.getInstance(document, out);
		document.addTitle(msg("dunning.notice.title"));
		document.open();
		BaseFont base = ChineseFont.get();
		Font title = new Font(base, 18, Font.BOLD);
		Font normal = new Font(base, 11);
		Font strong = new Font(base, 11, Font.BOLD);
		boolean first = true;
		for (Notice notice : notices) {
			if (!first) {
				document.newPage();
			}
			first = false;
			RoomRef room = notice.room();
			Money total = notice.total();
			Paragraph heading = new Paragraph(room.community() + " " + msg("dunning.notice.title"), title);
			heading.setAlignment(Element.ALIGN_CENTER);
			heading.setSpacingAfter(18);
			document.add(heading);
			document.add(new Paragraph(msg("dunning.notice.salutation", room.code()), strong));
			Paragraph body = new Paragraph(
					msg("dunning.notice.body", today.toString(), total.toString(), ChineseAmounts.of(total)), normal);
			body.setFirstLineIndent(22);
			body.setSpacingBefore(8);
			body.setLeading(20);
			document.add(body);

			PdfPTable table = new PdfPTable(new float[] { 3f, 1.7f, 2.4f, 2f, 1.9f, 2f, 2f });
			table.setWidthPercentage(100);
			table.setSpacingBefore(12);
			for (String column : List.of("item", "period", "dueDate", "amount", "lateFee", "paid", "owed")) {
				table.addCell(cell(msg("dunning.notice.column." + column), strong,
						column.equals("item") || column.equals("period") || column.equals("dueDate")
								? Element.ALIGN_LEFT : Element.ALIGN_RIGHT));
			}
			for (Billing.OpenLine line : notice.lines()) {
				table.addCell(cell(line.feeItemName(), normal, Element.ALIGN_LEFT));
				table.addCell(cell(line.period().toString(), normal, Element.ALIGN_LEFT));
				table.addCell(cell(line.dueDate().toString(), normal, Element.ALIGN_LEFT));
				table.addCell(cell(line.amount().toString(), normal, Element.ALIGN_RIGHT));
				table.addCell(cell(line.lateFee().toString(), normal, Element.ALIGN_RIGHT));
				table.addCell(cell(line.paid().toString(), normal, Element.ALIGN_RIGHT));
				table.addCell(cell(line.outstanding().toString(), normal, Element.ALIGN_RIGHT));
			}
			PdfPCell capitals = cell(msg("dunning.notice.total") + "（" + msg("dunning.notice.capitals") + "）："
					+ ChineseAmounts.of(total), strong, Element.ALIGN_LEFT);
			capitals.setColspan(6);
			table.addCell(capitals);
			table.addCell(cell("¥" + total, strong, Element.ALIGN_RIGHT));
			document.add(table);

			Paragraph how = new Paragraph(msg("dunning.notice.howToPay"), strong);
			how.setSpacingBefore(14);
			document.add(how);
			String account = this.estate.bankAccountOf(room.communityId()).orElse(this.bankAccount);
			List<String> ways = account.isEmpty() ? List.of("portal", "desk") : List.of("portal", "desk", "transfer");
			for (String way : ways) {
				Paragraph item = new Paragraph(msg("dunning.notice.way." + way, room.code(), account), normal);
				item.setIndentationLeft(22);
				item.setLeading(18);
				document.add(item);
			}
			Paragraph closing = new Paragraph(msg("dunning.notice.closing"), normal);
			closing.setSpacingBefore(12);
			closing.setFirstLineIndent(22);
			closing.setLeading(20);
			document.add(closing);
			Paragraph signature = new Paragraph(msg("dunning.notice.signature", room.community()) + "\n"
					+ today.getYear() + "年" + today.getMonthValue() + "月" + today.getDayOfMonth() + "日", normal);
			signature.setAlignment(Element.ALIGN_RIGHT);
			signature.setSpacingBefore(28);
			document.add(signature);
		}
		document.close();
		return out.toByteArray();
	}

	private static PdfPCell cell(String text, Font font, int alignment) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setHorizontalAlignment(alignment);
		cell.setPadding(5);
		return cell;
	}

	private String msg(String key, Object... args) {
		return this.messages.get(CHINESE, key, args);
	}

}
