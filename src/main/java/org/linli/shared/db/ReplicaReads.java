package org.linli.shared.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks reads (reports, exports) that may come from a read replica when one is configured
 * ({@code LINLI_REPLICA_URL}): the statements of a read-only transaction inside such a
 * method go to the replica, everything else to the primary. Put it only where a few
 * seconds of lag are acceptable, and say on the page how fresh the figures are
 * ({@link Replica#lagSeconds()}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReplicaReads {

}
