/**
 * Equipment (设备): the archive of every device with its contractor and files, a public QR
 * page per device for fault reports, maintenance plans and their tasks (generated ahead,
 * never skipped; elevators at most every 15 days), inspection routes and rounds (an
 * abnormal checkpoint publishes {@link org.linli.equipment.InspectionAbnormal}), each
 * device's history and the compliance view.
 */
package org.linli.equipment;
