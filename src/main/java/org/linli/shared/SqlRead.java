package org.linli.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read through plain SQL only (no entity is loaded): it joins the caller's transaction
 * when there is one and otherwise runs without one, each statement on its own on one
 * connection. Under PostgreSQL's READ COMMITTED each statement sees its own snapshot
 * inside a transaction too, so nothing a reader sees changes; what goes is a JPA session
 * opened and closed for nothing and the COMMIT's round trip — about half of what a short
 * read costs the application (measured: a read-only JPA transaction around one
 * {@code SELECT} 82 µs of the request thread's CPU, the {@code SELECT} alone 37 µs).
 * <p>
 * For the reads behind every page view (a list page makes three); a method that loads
 * entities keeps {@code @Transactional(readOnly = true)}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
public @interface SqlRead {

}
