package org.linli.equipment.internal;

/** The entries of a device's history. */
public enum HistoryKind {

	MAINTENANCE, INSPECTION, INSPECTION_ABNORMAL, FAULT_PUBLIC, FAULT_INSPECTION, REPAIR

}
