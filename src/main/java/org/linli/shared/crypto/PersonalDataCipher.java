package org.linli.shared.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.linli.shared.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts personal data (phone and ID numbers) at rest with AES-GCM, and makes a keyed
 * hash of it for exact search. The key comes from configuration
 * ({@code LINLI_ENCRYPTION_KEY}, 32 bytes in Base64), never from the database; when
 * unset, a key file is created once in the data folder.
 */
@Component
public class PersonalDataCipher {

	private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec encryptionKey;

	private final SecretKeySpec hashKey;

	public PersonalDataCipher(@Value("${linli.crypto.key:}") String configuredKey,
			@Value("${linli.data-dir}") String dataDir) {
		byte[] master = StringUtils.hasText(configuredKey) ? Base64.getDecoder().decode(configuredKey.trim())
				: keyFromFile(Path.of(dataDir, "secrets", "personal-data.key"));
		if (master.length != 32) {
			throw new IllegalStateException("linli.crypto.key must be 32 bytes in Base64");
		}
		this.encryptionKey = new SecretKeySpec(derive(master, "encryption"), "AES");
		this.hashKey = new SecretKeySpec(derive(master, "search-hash"), "HmacSHA256");
	}

	/** Base64 of IV followed by the ciphertext and tag; null stays null. */
	public String encrypt(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			byte[] iv = new byte[IV_LENGTH];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	public String decrypt(String encoded) {
		if (encoded == null) {
			return null;
		}
		try {
			byte[] in = Base64.getDecoder().decode(encoded);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_LENGTH));
			return new String(cipher.doFinal(in, IV_LENGTH, in.length - IV_LENGTH), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Decryption failed (wrong key?)", ex);
		}
	}

	/** A deterministic keyed hash (hex) for exact search; null stays null. */
	public String searchHash(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.hashKey);
			return HexFormat.of().formatHex(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Hashing failed", ex);
		}
	}

	private static byte[] derive(byte[] master, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(master, "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] keyFromFile(Path file) {
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).trim());
			}
			OwnerOnlyFiles.folder(file.getParent());
			byte[] key = new byte[32];
			this.random.nextBytes(key);
			OwnerOnlyFiles.writeNew(file, Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII));
			log.warn("No LINLI_ENCRYPTION_KEY set: created a personal-data key in {}; back it up, or set the key",
					file);
			return key;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read or create the personal-data key " + file, ex);
		}
	}

}
