package org.linli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

	@Test
	void nothingWritesToTheConsoleDirectly() {
		noClasses().should()
			.accessField(System.class, "out")
			.orShould()
			.accessField(System.class, "err")
			.because("everything goes through the logger, which never receives personal data")
			.check(this.classes);
	}

}
