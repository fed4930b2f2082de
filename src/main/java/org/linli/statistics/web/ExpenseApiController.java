package org.linli.statistics.web;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.statistics.ExpenseCategory;
import org.linli.statistics.internal.Expenses;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** What communities spend (支出), through the API. */
@RestController
@Tag(name = "Expenses")
class ExpenseApiController {

	private final Expenses expenses;

	ExpenseApiController(Expenses expenses) {
		this.expenses = expenses;
	}

	@GetMapping("/api/v1/communities/{id}/expenses")
	@Operation(summary = "A community's expenses, newest first: filter by from, to (dates) and category")
	PageView<Expenses.ExpenseView> list(@PathVariable long id, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, @RequestParam(required = false) ExpenseCategory category,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.expenses.list(id, new Expenses.Filter(from, to, category), new PageQuery(page, size, sort, dir));
	}

	record ExpenseBody(LocalDate date, ExpenseCategory category, java.math.BigDecimal amount, String payee,
			String note) {
	}

	@PostMapping("/api/v1/communities/{id}/expenses")
	@Operation(summary = "Records an expense: {\"date\":\"2026-11-20\",\"category\":\"GREENING\",\"amount\":\"300.00\","
			+ "\"payee\":\"…\",\"note\":\"…\"}; never edited afterwards (reverse it instead)")
	ResponseEntity<Expenses.ExpenseView> record(@PathVariable long id, @RequestBody ExpenseBody body) {
		Expenses.ExpenseView expense = this.expenses.record(id,
				new Expenses.NewExpense(body.date(), body.category(), body.amount(), body.payee(), body.note()));
		return ResponseEntity.created(URI.create("/api/v1/expenses/" + expense.id())).body(expense);
	}

	@GetMapping("/api/v1/expenses/{id}")
	Expenses.ExpenseView get(@PathVariable long id) {
		return this.expenses.find(id);
	}

	record ReversalBody(String reason) {
	}

	@PostMapping("/api/v1/expenses/{id}/reversal")
	@Operation(summary = "Reverses an expense with a reason: a new row of the opposite amount, once")
	ResponseEntity<Expenses.ExpenseView> reverse(@PathVariable long id, @RequestBody ReversalBody body) {
		Expenses.ExpenseView reversal = this.expenses.reverse(id, body.reason());
		return ResponseEntity.created(URI.create("/api/v1/expenses/" + reversal.id())).body(reversal);
	}

	@PostMapping("/api/v1/expenses/{id}/attachment")
	@Operation(summary = "Attaches the receipt or invoice (image or PDF, multipart part 'file'), once")
	Expenses.ExpenseView attach(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
		return this.expenses.attach(id, file.getBytes());
	}

	@GetMapping("/api/v1/expenses/{id}/attachment")
	ResponseEntity<StreamingResponseBody> attachment(@PathVariable long id) {
		return serve(id, this.expenses.attachment(id));
	}

	static ResponseEntity<StreamingResponseBody> serve(long id, Expenses.Attachment attachment) {
		String extension = org.linli.shared.FileTypes.extension(attachment.contentType());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(attachment.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("expense-" + id + extension).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.contentLength(attachment.size())
			.body((out) -> attachment.content().writeTo(out));
	}

}
