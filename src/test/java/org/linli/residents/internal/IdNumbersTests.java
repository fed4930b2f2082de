package org.linli.residents.internal;

import org.junit.jupiter.api.Test;
import org.linli.residents.Gender;

import static org.assertj.core.api.Assertions.assertThat;

class IdNumbersTests {

	@Test
	void theCheckCharacterFollowsGb11643() {
		assertThat(IdNumbers.isValidIdCard("11010519491231002X")).isTrue();
		assertThat(IdNumbers.isValidIdCard("110101199003074573")).isTrue();
		assertThat(IdNumbers.isValidIdCard("110101199003074578")).isFalse();
		assertThat(IdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
	}

	@Test
	void shapeAndBirthDateAreChecked() {
		assertThat(IdNumbers.isValidIdCard("11010519491231002")).isFalse();
		assertThat(IdNumbers.isValidIdCard("1101051949123100XX")).isFalse();
		String badDate = "11010519491331002";
		assertThat(IdNumbers.isValidIdCard(badDate + IdNumbers.checkCharacter(badDate))).isFalse();
		assertThat(IdNumbers.isValidIdCard(null)).isFalse();
	}

	@Test
	void inputIsNormalizedToUpperCase() {
		assertThat(IdNumbers.normalize(" 11010519491231002x ")).isEqualTo("11010519491231002X");
		assertThat(IdNumbers.isValidIdCard(IdNumbers.normalize("11010519491231002x"))).isTrue();
	}

	@Test
	void genderComesFromTheSequenceDigit() {
		assertThat(IdNumbers.genderOf("110101199003074573")).isEqualTo(Gender.MALE);
		assertThat(IdNumbers.genderOf("11010519491231002X")).isEqualTo(Gender.FEMALE);
	}

	@Test
	void otherDocuments() {
		assertThat(IdNumbers.isValidOtherDocument("E12345678")).isTrue();
		assertThat(IdNumbers.isValidOtherDocument("E1")).isFalse();
		assertThat(IdNumbers.isValidOtherDocument("E123 45678")).isFalse();
	}

	@Test
	void emergencyContactsHideTheirNumbers() {
		assertThat(ResidentService.maskDigits("李四 13900001111")).isEqualTo("李四 139****1111");
		assertThat(ResidentService.maskDigits("王五")).isEqualTo("王五");
	}

}
