package uz.hisob.command.images;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ImageStore} for aggregate tests: the same first-copy rule in memory (the system tests use the tables). */
public final class InMemoryImageStore implements ImageStore {

    private final Map<String, String> first = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();

    @Override
    public Optional<String> store(String tenant, String imageId, String sha256, String contentType, byte[] content, byte[] thumbnail) {
        first.putIfAbsent(tenant + "/" + sha256, imageId);
        hashes.put(tenant + "/" + imageId, sha256);
        String earlier = first.get(tenant + "/" + sha256);
        return earlier.equals(imageId) ? Optional.empty() : Optional.of(earlier);
    }

    @Override
    public Optional<String> sha256Of(String tenant, String imageId) {
        return Optional.ofNullable(hashes.get(tenant + "/" + imageId));
    }
}
