/**
 * What every module may use and nothing business-specific: money
 * ({@link org.linli.shared.Money}), the one clock and zone
 * ({@link org.linli.shared.Times}, {@code TimeConfiguration}), messages in the user's
 * language ({@link org.linli.shared.Messages}), errors and their problem details, input
 * checks ({@link org.linli.shared.Checks}), paging of hand-written SQL lists, the web
 * layout and form helpers, background jobs
 * ({@link org.linli.shared.jobs.BackgroundJobs}), the embedded database, personal-data
 * encryption and spreadsheets (export, and the import envelope). Open: every package is
 * usable; it depends on no module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package org.linli.shared;

import org.springframework.modulith.ApplicationModule;
