package org.linli.billing.runs;

/** A billing run's progress. */
public enum RunStatus {

	QUEUED, RUNNING, COMPLETED, FAILED;

	/** Still working: pages keep polling it. */
	public boolean isActive() {
		return this == QUEUED || this == RUNNING;
	}

}
