package org.linli.billing.web;

import org.linli.billing.payments.Payments;
import org.linli.billing.payments.ReceiptPrinter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** A receipt as a PDF download, named by its number. */
@Component
class ReceiptFiles {

	private final ReceiptPrinter printer;

	ReceiptFiles(ReceiptPrinter printer) {
		this.printer = printer;
	}

	ResponseEntity<byte[]> pdf(Payments.PaymentView payment, String printedBy) {
		byte[] pdf = this.printer.print(payment, printedBy);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline()
						.filename("receipt-" + payment.receiptNumber() + ".pdf")
						.build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(pdf);
	}

}
