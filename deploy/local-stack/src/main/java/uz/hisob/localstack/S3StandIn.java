package uz.hisob.localstack;

import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * A stand-in for an S3-compatible object store (the image store's configured alternative to PostgreSQL), speaking
 * S3's REST API on a local port: the production adapter talks to it exactly as to AWS S3 or MinIO. In memory; for the
 * tests that run the image store on S3.
 */
public final class S3StandIn implements AutoCloseable {

    public static final String ACCESS_KEY = "hisob";
    public static final String SECRET_KEY = "hisob-secret";

    private final LocalS3 s3;
    private final int port;

    private S3StandIn(LocalS3 s3, int port) {
        this.s3 = s3;
        this.port = port;
    }

    public static S3StandIn start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the S3 stand-in", e);
        }
        LocalS3 s3 = LocalS3.builder().port(port).mode(LocalS3Mode.IN_MEMORY).build();
        s3.start();
        return new S3StandIn(s3, port);
    }

    /** The endpoint to point an S3 client at (path-style addressing). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        s3.shutdown();
    }
}
