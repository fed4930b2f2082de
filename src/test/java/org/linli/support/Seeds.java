package org.linli.support;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Seeded randomness for property tests: each run draws a new seed (or takes
 * {@code -Dlinli.seed=N} to replay one), and a failure names the seed so that it can be
 * replayed exactly.
 */
public final class Seeds {

	private Seeds() {
	}

	/** The seed of this run: {@code linli.seed} when set, else a fresh one. */
	public static long seed() {
		String given = System.getProperty("linli.seed");
		return (given != null && !given.isBlank()) ? Long.parseLong(given.trim()) : System.nanoTime();
	}

	public static RandomGenerator random(long seed) {
		return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
	}

	/**
	 * Runs {@code cases} generated cases; a failing one is reported with its number and
	 * the seed to replay.
	 */
	public static void forAll(int cases, CaseBody body) {
		long seed = seed();
		RandomGenerator random = random(seed);
		for (int i = 0; i < cases; i++) {
			try {
				body.run(random, i);
			}
			catch (AssertionError | RuntimeException ex) {
				throw new AssertionError("Case " + i + " of " + cases + " failed; replay with -Dlinli.seed=" + seed
						+ ": " + ex.getMessage(), ex);
			}
		}
	}

	@FunctionalInterface
	public interface CaseBody {

		void run(RandomGenerator random, int index);

	}

}
