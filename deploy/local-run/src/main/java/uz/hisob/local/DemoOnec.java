package uz.hisob.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.hisob.onec.standin.OnecStandIn;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links the demo project {@code toshkent} to the stand-in 1C base (onec.md), as its ADMIN would: the primary and the
 * alternative endpoint, the web service's login, a sync every 15 minutes. The first run is started at once: it brings
 * the base's 500 products with their prices and stock, and finds the demo clients by their 1C codes (they are the
 * base's own), creating none and giving each the price list of its 1C price type. Nothing happens when the project is
 * linked already.
 */
final class DemoOnec {

    private static final Logger log = LoggerFactory.getLogger(DemoOnec.class);

    private DemoOnec() {
    }

    static void ensure(String commandUrl, String queryUrl, OnecStandIn onec) {
        DemoClient client = new DemoClient(commandUrl);
        try {
            String project = client.get(queryUrl, "/api/projects/" + DemoField.PROJECT);
            if (project == null || !DemoClient.JSON.readTree(project).path("onec").isNull()) {
                return;
            }
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("wsdlUrl", onec.wsdlUrl(OnecStandIn.Endpoint.PRIMARY));
            link.put("alternativeWsdlUrl", onec.wsdlUrl(OnecStandIn.Endpoint.ALTERNATIVE));
            link.put("username", HisobSystem.ONEC_USERNAME);
            link.put("password", HisobSystem.ONEC_PASSWORD);
            link.put("timeoutSeconds", 10);
            link.put("syncEveryMinutes", 15);
            // the settings FieldDemoSeeder made the project with, and now its link
            client.put("admin", "/api/projects/" + DemoField.PROJECT, Map.of("name", "Toshkent shahri", "timezone", "Asia/Tashkent",
                    "geofence", Map.of("radiusMeters", 150, "policy", "FLAG"), "minVisitMinutes", 5, "learnClientLocation", true,
                    "onec", link));
            // and its first run now, as an admin would start it, rather than in 15 minutes
            client.post("admin", "/api/projects/" + DemoField.PROJECT + "/onec/sync", Map.of());
            log.info("Linked the demo project {} to the stand-in 1C base at {}; its first sync runs", DemoField.PROJECT,
                    onec.wsdlUrl(OnecStandIn.Endpoint.PRIMARY));
        } catch (IOException e) {
            throw new IllegalStateException("Could not link the demo project to the stand-in 1C base", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
