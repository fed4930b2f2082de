package org.linli.billing.payments;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

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
import org.linli.estate.Estate;
import org.linli.identity.CommunityDirectory;
import org.linli.shared.ChineseAmounts;
import org.linli.shared.Messages;
import org.linli.shared.pdf.ChineseFont;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receipts (收据) as PDF, in Chinese: payer, room, the lines settled with their periods,
 * the amount in figures and in capitals (大写), method, cashier and time. Every print is
 * recorded; all but the first are marked as copies (补打), and a fully reversed payment's
 * receipt is marked void (作废) and keeps its number. The font travels with the application
 * (WenQuanYi Micro Hei, embedded), so receipts look the same on every host.
 */
@Component
public class ReceiptPrinter {

	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JdbcClient jdbc;

	private final Messages messages;

	private final CommunityDirectory communities;

	private final Ledger ledger;

	private final Estate estate;

	ReceiptPrinter(JdbcClient jdbc, Messages messages, CommunityDirectory communities, Ledger ledger, Estate estate) {
		this.estate = estate;
		this.jdbc = jdbc;
		this.messages = messages;
		this.communities = communities;
		this.ledger = ledger;
	}

	/**
	 * The receipt of a payment, recording the print; {@code printedBy} names who asked
	 * (staff or resident).
	 */
	@Transactional
	public byte[] print(Payments.PaymentView payment, String printedBy) {
		if (payment.receiptNumber() == null) {
			throw new org.linli.shared.NotFoundException("receipt", payment.id());
		}
		this.jdbc.sql("SELECT id FROM payment WHERE id = ? FOR UPDATE").param(payment.id()).query(Long.class).single();
		long earlier = this.jdbc.sql("SELECT count(*) FROM receipt_print WHERE payment_id = ?")
			.param(payment.id())
			.query(Long.class)
			.single();
		this.jdbc.sql("INSERT INTO receipt_print (payment_id, printed_by, printed_at) VALUES (?, ?, ?)")
			.params(payment.id(), printedBy, this.ledger.now())
			.update();
		return render(payment, earlier > 0);
	}

	byte[] render(Payments.PaymentView p, boolean copy) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A5.rotate(), 36, 36, 30, 30);
		PdfWriter.getInstance(document, out);
		document.addTitle(msg("billing.receipt.title") + " " + p.receiptNumber());
		document.open();
		BaseFont base = ChineseFont.get();
		Font title = new Font(base, 16, Font.BOLD);
		Font normal = new Font(base, 10);
		Font strong = new Font(base, 10, Font.BOLD);
		Font mark = new Font(base, 12, Font.BOLD, new Color(0xB0, 0x1E, 0x1E));

		String community = this.communities.nameOf(p.communityId());
		Paragraph heading = new Paragraph(community + " " + msg("billing.receipt.title"), title);
		heading.setAlignment(Element.ALIGN_CENTER);
		document.add(heading);
		if (copy || p.reversed()) {
			Paragraph marks = new Paragraph(
					(copy ? msg("billing.receipt.copy") + " " : "") + (p.reversed() ? msg("billing.receipt.void") : ""),
					mark);
			marks.setAlignment(Element.ALIGN_CENTER);
			document.add(marks);
		}
		PdfPTable head = new PdfPTable(new float[] { 1, 1 });
		head.setWidthPercentage(100);
		head.setSpacingBefore(8);
		head.addCell(plain(msg("billing.receipt.number") + "：" + p.receiptNumber(), strong));
		head.addCell(plain(
				msg("billing.receipt.time") + "：" + TIME.format(p.createdAt().atZone(org.linli.shared.Times.zone())),
				normal));
		head.addCell(
				plain(msg("billing.receipt.payer") + "：" + ((p.payerName() != null) ? p.payerName() : ""), normal));
		head.addCell(plain(msg("billing.receipt.room") + "：" + p.room(), normal));
		document.add(head);

		PdfPTable lines = new PdfPTable(new float[] { 3, 2, 2 });
		lines.setWidthPercentage(100);
		lines.setSpacingBefore(6);
		lines.addCell(boxed(msg("billing.receipt.item"), strong, Element.ALIGN_LEFT));
		lines.addCell(boxed(msg("billing.receipt.period"), strong, Element.ALIGN_LEFT));
		lines.addCell(boxed(msg("billing.receipt.amount"), strong, Element.ALIGN_RIGHT));
		for (Payments.Allocation a : p.allocations()) {
			lines.addCell(boxed(a.label(), normal, Element.ALIGN_LEFT));
			lines.addCell(boxed(a.period().toString(), normal, Element.ALIGN_LEFT));
			lines.addCell(boxed(a.amount().toString(), normal, Element.ALIGN_RIGHT));
		}
		if (p.toPrepaid().isPositive()) {
			lines.addCell(boxed(msg("billing.receipt.prepaid"), normal, Element.ALIGN_LEFT));
			lines.addCell(boxed("", normal, Element.ALIGN_LEFT));
			lines.addCell(boxed(p.toPrepaid().toString(), normal, Element.ALIGN_RIGHT));
		}
		PdfPCell capitals = boxed(msg("billing.receipt.total") + "（" + msg("billing.receipt.capitals") + "）："
				+ ChineseAmounts.of(p.amount()), strong, Element.ALIGN_LEFT);
		capitals.setColspan(2);
		lines.addCell(capitals);
		lines.addCell(boxed("¥" + p.amount(), strong, Element.ALIGN_RIGHT));
		document.add(lines);

		PdfPTable foot = new PdfPTable(new float[] { 1, 1, 1 });
		foot.setWidthPercentage(100);
		foot.setSpacingBefore(8);
		String method = msg("billing.payment.method." + p.method());
		foot.addCell(plain(msg("billing.receipt.method") + "：" + method, normal));
		foot.addCell(plain(msg("billing.receipt.reference") + "：" + ((p.reference() != null) ? p.reference() : "—"),
				normal));
		foot.addCell(plain(msg("billing.receipt.cashier") + "："
				+ ((p.cashier() != null) ? p.cashier() : msg("billing.receipt.online")), normal));
		document.add(foot);

		// who collected, and room for their seal
		PdfPTable seal = new PdfPTable(new float[] { 2, 1 });
		seal.setWidthPercentage(100);
		seal.setSpacingBefore(10);
		seal.addCell(plain(msg("billing.receipt.company") + "：" + this.estate.companyNameOf(p.communityId()), strong));
		PdfPCell stamp = plain(msg("billing.receipt.seal"), normal);
		stamp.setFixedHeight(60);
		seal.addCell(stamp);
		document.add(seal);
		document.close();
		return out.toByteArray();
	}

	private static PdfPCell plain(String text, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setBorder(PdfPCell.NO_BORDER);
		cell.setPadding(3);
		return cell;
	}

	private static PdfPCell boxed(String text, Font font, int alignment) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setHorizontalAlignment(alignment);
		cell.setPadding(4);
		return cell;
	}

	private String msg(String key) {
		return this.messages.get(CHINESE, key);
	}

}
