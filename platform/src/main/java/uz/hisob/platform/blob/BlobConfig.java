package uz.hisob.platform.blob;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3-compatible store, when {@code hisob.images.store=s3} (the default, {@code postgres}, keeps image bytes in
 * PostgreSQL): {@code hisob.images.s3.endpoint} (empty for AWS itself), {@code region}, {@code bucket},
 * {@code access-key}, {@code secret-key}, {@code path-style} (true for most S3-compatible servers).
 */
@Configuration(proxyBeanMethods = false)
public class BlobConfig {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hisob.images.store", havingValue = "s3")
    public S3Blobs imageBlobs(@Value("${hisob.images.s3.endpoint:}") String endpoint,
                              @Value("${hisob.images.s3.region:us-east-1}") String region,
                              @Value("${hisob.images.s3.bucket:hisob-images}") String bucket,
                              @Value("${hisob.images.s3.access-key}") String accessKey,
                              @Value("${hisob.images.s3.secret-key}") String secretKey,
                              @Value("${hisob.images.s3.path-style:true}") boolean pathStyle) {
        S3Blobs blobs = new S3Blobs(endpoint, region, bucket, accessKey, secretKey, pathStyle);
        blobs.ensureBucket();
        return blobs;
    }
}
