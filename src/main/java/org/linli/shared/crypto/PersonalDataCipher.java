package org.linli.shared.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.linli.shared.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts personal data (phone and ID numbers) at rest with AES-GCM, and makes a keyed
 * hash of it for exact search. The key comes from configuration
 * ({@code LINLI_ENCRYPTION_KEY}, 32 bytes in Base64), never from the database; when
 * unset, a key file is created once in the data folder.
 * <p>
 * <b>Rotation.</b> Each value is written as
 * {@code k<key id>:<Base64 of IV, ciphertext and
 * tag>}, the key id being a fingerprint of the key that sealed it (values written before
 * ids existed have no prefix and are tried with each key). A new key is introduced with
 * the previous ones in {@code LINLI_ENCRYPTION_OLD_KEYS}: every value is read with the
 * key that sealed it and written with the new one, and a background job re-encrypts the
 * old ones (see {@link EncryptedColumns}); once none is left the old keys can go.
 * <p>
 * The search hash's key does not change with a rotation (the hashes in the tables stay
 * valid): it is kept in the database ({@code crypto_key}) sealed with the current key,
 * and sealed again with a new one on the first start that has it. It was, and on a first
 * start still is, derived from the key the data was first written with.
 */
@Component
public class PersonalDataCipher implements org.springframework.beans.factory.SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private record Key(String id, byte[] master, SecretKeySpec aes) {

		static Key of(byte[] master) {
			if (master.length != 32) {
				throw new IllegalStateException("An encryption key must be 32 bytes in Base64");
			}
			String id = HexFormat.of().formatHex(derive(master, "key-id")).substring(0, 8);
			return new Key(id, master, new SecretKeySpec(derive(master, "encryption"), "AES"));
		}

		String prefix() {
			return "k" + this.id + ":";
		}

	}

	private final Key current;

	/** The previous keys, the one in use before first. */
	private final List<Key> old;

	private final Map<String, Key> byId = new LinkedHashMap<>();

	private final JdbcTemplate jdbc;

	private volatile SecretKeySpec hashKey;

	@Autowired
	public PersonalDataCipher(@Value("${linli.crypto.key:}") String configuredKey,
			@Value("${linli.crypto.old-keys:}") String oldKeys, @Value("${linli.data-dir}") String dataDir,
			ObjectProvider<JdbcTemplate> jdbc) {
		byte[] master = StringUtils.hasText(configuredKey) ? Base64.getDecoder().decode(configuredKey.trim())
				: keyFromFile(Path.of(dataDir, "secrets", "personal-data.key"));
		this.current = Key.of(master);
		this.old = new ArrayList<>();
		for (String key : StringUtils.commaDelimitedListToStringArray(oldKeys)) {
			if (StringUtils.hasText(key)) {
				Key previous = Key.of(Base64.getDecoder().decode(key.trim()));
				if (!previous.id().equals(this.current.id())) {
					this.old.add(previous);
				}
			}
		}
		this.byId.put(this.current.id(), this.current);
		this.old.forEach((k) -> this.byId.putIfAbsent(k.id(), k));
		this.jdbc = (jdbc != null) ? jdbc.getIfAvailable() : null;
		if (!this.old.isEmpty()) {
			log.info("Personal data is encrypted with key {}; values sealed with {} are re-encrypted in the background",
					this.current.id(), this.old.stream().map(Key::id).toList());
		}
	}

	/**
	 * A cipher of one key without a database (the search key derived from it): tests,
	 * tools.
	 */
	public PersonalDataCipher(String configuredKey, String dataDir) {
		this(configuredKey, "", dataDir, null);
	}

	/**
	 * Loads the search key once the schema is migrated, in a statement of its own (not in
	 * some request's transaction, which may be read-only or roll back): on the first
	 * start with a new key it is sealed again with it, there and then.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (this.jdbc != null) {
			hashKey();
		}
	}

	/** The fingerprint of the key new values are sealed with. */
	public String currentKeyId() {
		return this.current.id();
	}

	/** Whether old keys are configured, so that values may still be sealed with them. */
	public boolean rotating() {
		return !this.old.isEmpty();
	}

	/** Whether the value is sealed with the current key (null counts as current). */
	public boolean isCurrent(String encoded) {
		return encoded == null || encoded.startsWith(this.current.prefix());
	}

	/** The SQL {@code LIKE} pattern of values sealed with the current key. */
	public String currentPattern() {
		return this.current.prefix() + "%";
	}

	/** The value sealed again with the current key (the same if it already is). */
	public String reencrypt(String encoded) {
		return isCurrent(encoded) ? encoded : encrypt(decrypt(encoded));
	}

	/**
	 * {@code k<key id>:} and Base64 of IV followed by the ciphertext and tag; null stays
	 * null.
	 */
	public String encrypt(String plain) {
		if (plain == null) {
			return null;
		}
		return encryptBytes(plain.getBytes(StandardCharsets.UTF_8));
	}

	private byte[] seal(Key key, byte[] plain) {
		try {
			byte[] iv = new byte[IV_LENGTH];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, iv));
			byte[] sealed = cipher.doFinal(plain);
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	public String decrypt(String encoded) {
		if (encoded == null) {
			return null;
		}
		return new String(open(encoded), StandardCharsets.UTF_8);
	}

	private byte[] open(String encoded) {
		int colon = encoded.indexOf(':');
		if (encoded.startsWith("k") && colon == 9) {
			Key key = this.byId.get(encoded.substring(1, 9));
			if (key == null) {
				throw new IllegalStateException("Decryption failed: sealed with key " + encoded.substring(1, 9)
						+ ", which is not configured (LINLI_ENCRYPTION_KEY, LINLI_ENCRYPTION_OLD_KEYS)");
			}
			return open(key, Base64.getDecoder().decode(encoded.substring(10)));
		}
		// written before values carried their key's id: the key that opens it is the one
		byte[] in = Base64.getDecoder().decode(encoded);
		IllegalStateException failure = null;
		for (Key key : this.byId.values()) {
			try {
				return open(key, in);
			}
			catch (IllegalStateException ex) {
				failure = ex;
			}
		}
		throw failure;
	}

	private static byte[] open(Key key, byte[] in) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BITS, in, 0, IV_LENGTH));
			return cipher.doFinal(in, IV_LENGTH, in.length - IV_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Decryption failed (wrong key?)", ex);
		}
	}

	/**
	 * The search hash's key: from the database, sealed with the current key (sealed again
	 * when it was sealed with an old one); on the first start, derived from the key the
	 * data was first written with and stored.
	 */
	private SecretKeySpec hashKey() {
		SecretKeySpec key = this.hashKey;
		if (key != null) {
			return key;
		}
		synchronized (this) {
			if (this.hashKey == null) {
				this.hashKey = new SecretKeySpec(loadHashKey(), "HmacSHA256");
			}
			return this.hashKey;
		}
	}

	private byte[] loadHashKey() {
		Key first = this.old.isEmpty() ? this.current : this.old.get(0);
		byte[] derived = derive(first.master(), "search-hash");
		if (this.jdbc == null) {
			return derived;
		}
		List<String> stored = this.jdbc.queryForList("SELECT sealed FROM crypto_key WHERE purpose = 'search-hash'",
				String.class);
		if (stored.isEmpty()) {
			this.jdbc.update(
					"INSERT INTO crypto_key (purpose, sealed) VALUES ('search-hash', ?) ON CONFLICT DO NOTHING",
					encryptBytes(derived));
			stored = this.jdbc.queryForList("SELECT sealed FROM crypto_key WHERE purpose = 'search-hash'",
					String.class);
		}
		String sealed = stored.get(0);
		byte[] hashKey = open(sealed);
		if (!isCurrent(sealed)) {
			this.jdbc.update("UPDATE crypto_key SET sealed = ? WHERE purpose = 'search-hash' AND sealed = ?",
					encryptBytes(hashKey), sealed);
		}
		return hashKey;
	}

	private String encryptBytes(byte[] plain) {
		return this.current.prefix() + Base64.getEncoder().encodeToString(seal(this.current, plain));
	}

	/** A deterministic keyed hash (hex) for exact search; null stays null. */
	public String searchHash(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(hashKey());
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
