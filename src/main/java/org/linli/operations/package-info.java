/**
 * Running Linli for real (运维): backups of the embedded database that restore
 * ({@link org.linli.operations.Restore}, the {@code restore} command), and the jobs that
 * keep a long-lived installation tidy. It owns no business data and nothing depends on
 * it.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity" })
package org.linli.operations;

import org.springframework.modulith.ApplicationModule;
