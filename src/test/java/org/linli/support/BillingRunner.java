package org.linli.support;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.linli.billing.runs.BillingRuns;
import tools.jackson.databind.JsonNode;

import static org.linli.support.HttpAssert.assertThat;

/**
 * Runs billing through the API and works the run to its end on this node, for tests that
 * need bills.
 */
public final class BillingRunner {

	private final Api api;

	private final BillingRuns runs;

	public BillingRunner(Api api, BillingRuns runs) {
		this.api = api;
		this.runs = runs;
	}

	/**
	 * Starts a run for the period and items and answers its final state, asserting that
	 * it completed.
	 */
	public JsonNode run(long communityId, String token, YearMonth period, List<Long> feeItemIds) {
		Api.Response started = this.api.post("/api/v1/communities/" + communityId + "/billing-runs", token,
				Map.of("period", period.toString(), "feeItemIds", feeItemIds));
		assertThat(started).hasStatus(202);
		for (int i = 0; i < 400; i++) {
			JsonNode state = this.api.get("/api/v1/billing-runs/" + started.id(), token).json();
			String status = state.get("status").asString();
			if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
				org.assertj.core.api.Assertions.assertThat(status).as(state.toString()).isEqualTo("COMPLETED");
				return state;
			}
			this.runs.pickUp();
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("The billing run did not finish");
	}

}
