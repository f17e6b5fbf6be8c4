package uz.hisob.api.images;

import uz.hisob.api.TenantScoped;

/** How an image's aggregate is named: {@code tenant:image:id}. */
public final class Images {

    public static final String KIND = "image";

    private Images() {
    }

    public static String aggregateId(String tenant, String imageId) {
        return TenantScoped.aggregateId(tenant, KIND, imageId);
    }
}
