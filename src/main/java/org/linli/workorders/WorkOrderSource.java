package org.linli.workorders;

/** How an order came in. */
public enum WorkOrderSource {

	/** A resident in the portal or the app. */
	PORTAL,
	/** Customer service for a caller or a walk-in (代客报修). */
	STAFF,
	/** Anyone, on a device's public QR page. */
	QR,
	/** An inspector's abnormal checkpoint. */
	INSPECTION,
	/** A resident's complaint that was really a fault. */
	COMPLAINT

}
