package org.linli.shared;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.linli.shared.crypto.Masking;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.shared.crypto.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataTests {

	private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	private static final String OTHER_KEY = "HxwdHh8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRo=";

	@Test
	void encryptionRoundTripsAndHidesTheValue() {
		PersonalDataCipher cipher = new PersonalDataCipher(KEY, "target/unused");
		String first = cipher.encrypt("13812345678");
		String second = cipher.encrypt("13812345678");
		assertThat(first).isNotEqualTo(second).doesNotContain("13812345678");
		assertThat(cipher.decrypt(first)).isEqualTo("13812345678");
		assertThat(cipher.decrypt(second)).isEqualTo("13812345678");
		assertThat(cipher.encrypt(null)).isNull();
	}

	@Test
	void theSearchHashIsStableAndKeyed() {
		PersonalDataCipher cipher = new PersonalDataCipher(KEY, "target/unused");
		PersonalDataCipher other = new PersonalDataCipher(OTHER_KEY, "target/unused");
		assertThat(cipher.searchHash("13812345678")).isEqualTo(cipher.searchHash("13812345678"))
			.isNotEqualTo(cipher.searchHash("13812345679"))
			.isNotEqualTo(other.searchHash("13812345678"))
			.hasSize(64);
	}

	@Test
	void anotherKeyCannotDecrypt() {
		String sealed = new PersonalDataCipher(KEY, "target/unused").encrypt("110101199003074578");
		assertThatThrownBy(() -> new PersonalDataCipher(OTHER_KEY, "target/unused").decrypt(sealed))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void withoutAConfiguredKeyOneIsKeptInTheDataFolder() {
		Path folder = Path.of("target", "cipher-test-" + System.nanoTime());
		String sealed = new PersonalDataCipher("", folder.toString()).encrypt("13812345678");
		assertThat(folder.resolve("secrets/personal-data.key")).exists();
		assertThat(new PersonalDataCipher("", folder.toString()).decrypt(sealed)).isEqualTo("13812345678");
	}

	@Test
	void masking() {
		assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
		assertThat(Masking.idNumber("110101199003074578")).isEqualTo("1101**********4578");
		assertThat(Masking.phone(null)).isNull();
		assertThat(Masking.phone("12345")).isEqualTo("*****");
	}

	@Test
	void mobileNumbers() {
		assertThat(PhoneNumbers.normalize("+86 138-1234-5678")).isEqualTo("13812345678");
		assertThat(PhoneNumbers.normalize("13812345678")).isEqualTo("13812345678");
		assertThat(PhoneNumbers.normalize("12812345678")).isNull();
		assertThat(PhoneNumbers.normalize("1381234567")).isNull();
		assertThat(PhoneNumbers.normalize("abc")).isNull();
	}

}
