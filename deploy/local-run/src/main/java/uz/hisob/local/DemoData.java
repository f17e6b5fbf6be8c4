package uz.hisob.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Demo data for the run command, made through the public HTTP API exactly as a client would (so it lands in the
 * ledger like any other work). Idempotent: nothing happens when the demo kitchen exists already.
 */
final class DemoData {

    static final String KITCHEN = "quyosh";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private record Item(String id, String name, long minStockGrams, long deliveredGrams) {
    }

    private static final List<Item> INGREDIENTS = List.of(
            new Item("guruch", "Guruch", 10_000, 40_000),
            new Item("mol-goshti", "Mol go'shti", 5_000, 18_000),
            new Item("sabzi", "Sabzi", 8_000, 25_000),
            new Item("piyoz", "Piyoz", 4_000, 12_000),
            new Item("kartoshka", "Kartoshka", 10_000, 35_000),
            new Item("un", "Un", 10_000, 50_000),
            new Item("sut", "Sut", 20_000, 60_000),
            new Item("paxta-yogi", "Paxta yog'i", 3_000, 10_000));

    private DemoData() {
    }

    static void ensure(String commandUrl, String queryUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            String token = token(http, commandUrl);
            HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(queryUrl + "/api/kitchens/" + KITCHEN))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() == 200) {
                return;
            }
            post(http, commandUrl + "/api/kitchens", token,
                    "{\"id\":\"" + KITCHEN + "\",\"name\":\"Quyosh bog'chasi oshxonasi\",\"timezone\":\"Asia/Tashkent\"}");
            for (Item i : INGREDIENTS) {
                post(http, commandUrl + "/api/kitchens/" + KITCHEN + "/ingredients", token,
                        "{\"id\":\"" + i.id() + "\",\"name\":\"" + i.name() + "\",\"minStockGrams\":" + i.minStockGrams() + "}");
                post(http, commandUrl + "/api/kitchens/" + KITCHEN + "/deliveries", token,
                        "{\"ingredientId\":\"" + i.id() + "\",\"grams\":" + i.deliveredGrams() + ",\"supplier\":\"Chorsu bozori\"}");
            }
            log.info("Demo kitchen '{}' created with {} ingredients", KITCHEN, INGREDIENTS.size());
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the demo data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String token(HttpClient http, String commandUrl) throws IOException, InterruptedException {
        String body = post(http, commandUrl + "/api/auth/token", null, "{\"username\":\"admin\",\"password\":\"admin\"}");
        int start = body.indexOf("\"access_token\":\"") + 16;
        return body.substring(start, body.indexOf('"', start));
    }

    private static String post(HttpClient http, String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
