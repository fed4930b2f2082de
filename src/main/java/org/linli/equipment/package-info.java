/**
 * Equipment (设备): the archive of every device with its contractor and files, a public QR
 * page per device for fault reports, maintenance plans and their tasks (generated ahead,
 * never skipped; elevators at most every 15 days), inspection routes and rounds, each
 * device's history and the compliance view.
 * <p>
 * Publishes {@link org.linli.equipment.InspectionAbnormal} (an abnormal checkpoint) and
 * {@link org.linli.equipment.FaultReported} (a fault reported on a QR page), from which
 * the module that handles repairs (work orders, being built) is to open repair orders;
 * exposes {@link org.linli.equipment.DeviceCategory} and
 * {@link org.linli.equipment.DeviceStatus}.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity", "estate", "notifications" })
package org.linli.equipment;

import org.springframework.modulith.ApplicationModule;
