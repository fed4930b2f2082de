package org.linli.shared.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.util.StringUtils;

/**
 * Files in S3-compatible object storage (AWS S3, MinIO, Alibaba Cloud OSS, Tencent COS):
 * each file one object, {@code <prefix><name>} in the bucket, streamed in and out.
 * Checksums are sent and checked only where the protocol requires them, which every
 * S3-compatible store understands.
 */
class S3Blobs implements Blobs, AutoCloseable {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	S3Blobs(String bucket, String endpoint, String region, String accessKey, String secretKey, boolean pathStyle,
			String prefix) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(StringUtils.hasText(region) ? region : "us-east-1"))
			.forcePathStyle(pathStyle)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.credentialsProvider(StringUtils.hasText(accessKey)
					? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
					: DefaultCredentialsProvider.builder().build());
		if (StringUtils.hasText(endpoint)) {
			builder.endpointOverride(URI.create(endpoint));
		}
		this.s3 = builder.build();
		this.bucket = bucket;
		this.prefix = (prefix != null) ? prefix : "";
	}

	private String key(String name) {
		return this.prefix + name;
	}

	@Override
	public void store(String name, InputStream in, long size) {
		this.s3.putObject((put) -> put.bucket(this.bucket).key(key(name)), RequestBody.fromInputStream(in, size));
	}

	@Override
	public boolean exists(String name) {
		try {
			this.s3.headObject((head) -> head.bucket(this.bucket).key(key(name)));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

	@Override
	public long writeTo(String name, OutputStream out) throws IOException {
		try (ResponseInputStream<GetObjectResponse> in = this.s3
			.getObject((get) -> get.bucket(this.bucket).key(key(name)))) {
			return in.transferTo(out);
		}
		catch (NoSuchKeyException ex) {
			return 0;
		}
	}

	@Override
	public void forget(String name) {
		this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(key(name)));
	}

	@Override
	public void close() {
		this.s3.close();
	}

}
