package org.linli.shared;

/**
 * Data a module puts in place on start — the first account, a newcomer's demo community,
 * a backfill — in the order of the bean's {@code @Order}. Seeds run before the web server
 * opens its port (see {@link Seeding}), so that whoever signs in the moment Linli answers
 * finds the accounts and the demo data there. Each one finds its work done and does
 * nothing on a later start.
 */
public interface Seed {

	void seed();

}
