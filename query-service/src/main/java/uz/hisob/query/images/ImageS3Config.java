package uz.hisob.query.images;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import uz.hisob.events.images.ImageObjects;
import uz.hisob.platform.blob.S3Blobs;

/** The S3-compatible image store, when {@code hisob.images.store=s3} (operations.md); PostgreSQL otherwise. */
@Configuration(proxyBeanMethods = false)
public class ImageS3Config {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = ImageObjects.STORE_PROPERTY, havingValue = "s3")
    public S3Blobs imageBlobs(Environment environment) {
        return S3Blobs.configured(environment, ImageObjects.S3_PROPERTIES);
    }
}
