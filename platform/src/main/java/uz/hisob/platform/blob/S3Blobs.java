package uz.hisob.platform.blob;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;

/**
 * Bytes kept by key in a bucket of an S3-compatible store (AWS S3, MinIO, Ceph, a stand-in): the AWS SDK's client over
 * the JDK's HTTP client. Keys are the caller's (content-addressed, so a put may be repeated); the bucket is created
 * when it does not exist yet.
 */
public final class S3Blobs implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    public S3Blobs(String endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyle) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                // plain signed bodies and checksums only where S3 requires them: what every S3-compatible server reads
                // (aws-chunked bodies with trailing checksums, the SDK's default, are stored verbatim by some)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.s3 = builder.build();
        this.bucket = bucket;
    }

    /**
     * The store configured under {@code prefix}: {@code .endpoint} (empty for AWS itself), {@code .region}
     * ({@code us-east-1}), {@code .bucket}, {@code .access-key}, {@code .secret-key}, {@code .path-style} (true), its
     * bucket created when missing. A context names its own prefix ({@code hisob.images.s3}).
     */
    public static S3Blobs configured(org.springframework.core.env.PropertyResolver properties, String prefix) {
        S3Blobs blobs = new S3Blobs(properties.getProperty(prefix + ".endpoint", ""), properties.getProperty(prefix + ".region", "us-east-1"),
                properties.getRequiredProperty(prefix + ".bucket"), properties.getRequiredProperty(prefix + ".access-key"),
                properties.getRequiredProperty(prefix + ".secret-key"), properties.getProperty(prefix + ".path-style", Boolean.class, true));
        blobs.ensureBucket();
        return blobs;
    }

    /** Creates the bucket if it is not there. */
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /** The bytes under {@code key}, or null when there are none. */
    public byte[] get(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        s3.close();
    }
}
