package org.linli;

import java.time.Clock;
import java.time.ZoneId;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * Rules the compiler does not check: money never goes through binary floating point, and
 * nothing prints to the console behind the logger's back (where personal data could slip
 * out).
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.linli");

	@Test
	void noFieldIsAFloatingPointNumber() {
		fields().should()
			.notHaveRawType(double.class)
			.andShould()
			.notHaveRawType(Double.class)
			.andShould()
			.notHaveRawType(float.class)
			.andShould()
			.notHaveRawType(Float.class)
			.because("money and quantities are BigDecimal")
			.check(this.classes);
	}

	/**
	 * "Now" and "today" come from the one injected clock, in the installation's zone: a
	 * test can set the date, and a server in another zone computes the same due dates.
	 */
	@Test
	void timeComesFromTheInjectedClock() {
		noClasses().that()
			.resideOutsideOfPackage("org.linli.shared..")
			.should(callNowWithoutAClock())
			.orShould()
			.callMethod(ZoneId.class, "of", String.class)
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.orShould()
			.callMethod(Clock.class, "systemDefaultZone")
			.orShould()
			.callMethod(Clock.class, "systemUTC")
			.orShould()
			.callMethod(Clock.class, "system", ZoneId.class)
			.because("every now and today comes from the injected Clock (shared/TimeConfiguration)")
			.check(this.classes);
	}

	/**
	 * {@code X.now()} or {@code X.now(zone)} of any java.time type; {@code X.now(clock)}
	 * is what is wanted.
	 */
	private static ArchCondition<JavaClass> callNowWithoutAClock() {
		DescribedPredicate<JavaMethodCall> nowWithoutClock = DescribedPredicate.describe("now() without a Clock",
				(call) -> call.getTarget().getOwner().getPackageName().equals("java.time")
						&& call.getTarget().getName().equals("now")
						&& !call.getTarget()
							.getRawParameterTypes()
							.stream()
							.anyMatch((t) -> t.isEquivalentTo(Clock.class)));
		return ArchConditions.callMethodWhere(nowWithoutClock);
	}

	@Test
	void nothingWritesToTheConsoleDirectly() {
		noClasses().should()
			.accessField(System.class, "out")
			.orShould()
			.accessField(System.class, "err")
			.because("everything goes through the logger, which never receives personal data")
			.check(this.classes);
	}

	@Test
	void noListenerHoldsASecondConnectionAfterCommit() {
		noMethods().should()
			.beAnnotatedWith(org.springframework.transaction.event.TransactionalEventListener.class)
			.because("the event publication registry records each such listener in a transaction of its own, "
					+ "which wants a second connection while the publisher's is still held: under load the pool "
					+ "runs dry (use @ApplicationModuleListener between modules, or an after-commit callback)")
			.check(this.classes);
	}

}
