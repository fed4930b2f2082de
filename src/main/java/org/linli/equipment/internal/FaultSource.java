package org.linli.equipment.internal;

/** Where a fault of a device was reported. */
public enum FaultSource {

	/** On the device's public QR page, by anyone. */
	PUBLIC,
	/** At an inspection round's checkpoint marked abnormal. */
	INSPECTION;

	/** The entry it makes in the device's history. */
	HistoryKind historyKind() {
		return (this == PUBLIC) ? HistoryKind.FAULT_PUBLIC : HistoryKind.FAULT_INSPECTION;
	}

}
