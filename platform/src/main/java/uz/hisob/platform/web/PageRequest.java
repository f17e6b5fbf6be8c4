package uz.hisob.platform.web;

/**
 * The contract's paging parameters: {@code page} 0-based (default 0), {@code size} default 50, at most 200.
 * Bound from query parameters by {@link PageRequestResolver}; out-of-range values answer 400.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
