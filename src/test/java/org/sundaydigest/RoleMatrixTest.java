package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.RoleMatrixTest.Access.ADMIN;
import static org.sundaydigest.RoleMatrixTest.Access.EDITOR;
import static org.sundaydigest.RoleMatrixTest.Access.PUBLIC;
import static org.sundaydigest.RoleMatrixTest.Access.SIGNED_IN;
import static org.sundaydigest.RoleMatrixTest.Access.VIEWER;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.sundaydigest.editor.EditorCsrf;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may do what, in one table: every route of the application with the least role that may use it ({@code viewer}
 * reads, {@code editor} changes and bulk exports, {@code admin} accounts and the audit log, any signed-in account its
 * own account). The table is held to the code both ways: a route without a row, or a row without a route, fails the
 * first test, so that a new route cannot ship without a rule; the second calls each row as nobody, a viewer, an editor
 * and an admin and checks the answer is the one the table says. The calls use dates far ahead, ids and names that do
 * not exist and bodies that are refused after authorization, so that nothing is sent, created or deleted by them.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class RoleMatrixTest {

    enum Access {
        PUBLIC, SIGNED_IN, VIEWER, EDITOR, ADMIN
    }

    record Row(String method, String pathTemplate, String concretePath, Access access, String body,
            String contentType) {
    }

    private static final String DATE = "2099-01-04"; // a Sunday without articles: sends answer 409 "not ready"
    private static final String NO_SUCH_ID = "999999999";
    private static final String NO_SUCH_ACCOUNT = "matrix-nobody-here";
    private static final String WRONG_PASSWORD = "not-the-password-at-all";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";
    private static final String PROBLEM = "application/problem+json";

    private static final List<Row> TABLE = List.of(
            // Readers, mail providers and the login page: outside the matrix, listed so the completeness check passes.
            open("GET", "/subscribe"), open("POST", "/subscribe"), open("GET", "/subscribe/confirm"),
            open("POST", "/subscribe/confirm"), open("POST", "/subscribe/confirm/renew"), open("GET", "/unsubscribe"),
            open("POST", "/unsubscribe"), open("GET", "/preferences"), open("POST", "/preferences"),
            open("POST", "/preferences/pause"), open("GET", "/archive"), open("GET", "/archive/{date}"),
            open("GET", "/archive/feed.xml"), open("POST", "/api/subscriptions"), open("POST", "/api/webhooks/bounces"),
            open("POST", "/api/webhooks/ses"), open("POST", "/api/webhooks/postmark"),
            open("POST", "/api/webhooks/mailgun"), open("POST", "/api/webhooks/sendgrid"), open("GET", "/dev/mailbox"),
            open("GET", "/editor/login"),
            // Any account, its own: wrong passwords and codes, so that nothing changes and no session ends.
            api("PUT", "/api/editors/me/password", SIGNED_IN,
                    "{\"current\":\"" + WRONG_PASSWORD + "\",\"password\":\"matrix-new-pass-2026\"}"),
            form("/editor/logout", SIGNED_IN, ""), view("/editor/account", SIGNED_IN),
            form("/editor/account/password", SIGNED_IN, "current=" + WRONG_PASSWORD + "&password=matrix-new-pass-2026"),
            form("/editor/account/second-factor", SIGNED_IN, ""),
            form("/editor/account/second-factor/confirm", SIGNED_IN, "code=not-a-code"),
            form("/editor/account/second-factor/off", SIGNED_IN, "password=" + WRONG_PASSWORD),
            form("/editor/account/recovery-codes", SIGNED_IN, ""),
            form("/editor/account/tokens", SIGNED_IN, "label=role-matrix"),
            form("/editor/account/tokens/{id}/revoke", SIGNED_IN, ""),
            // Reads.
            api("GET", "/api/articles", VIEWER), api("GET", "/api/articles/{id}", VIEWER),
            api("GET", "/api/feeds", VIEWER), api("GET", "/api/subscribers", VIEWER),
            api("GET", "/api/subscribers/{id}", VIEWER), api("GET", "/api/subscribers/imports/{id}", VIEWER),
            api("GET", "/api/digests", VIEWER), api("GET", "/api/digests/{date}", VIEWER),
            api("GET", "/api/digests/{date}/preview", VIEWER), api("GET", "/api/digests/{date}/checks", VIEWER),
            view("/editor", VIEWER), view("/editor/issues", VIEWER), view("/editor/issues/{date}", VIEWER),
            view("/editor/issues/{date}/preview", VIEWER), view("/editor/issues/{date}/send", VIEWER),
            view("/editor/issues/{date}/progress", VIEWER), view("/editor/issues/{date}/progress.json", VIEWER),
            view("/editor/articles", VIEWER), view("/editor/readers", VIEWER), view("/editor/welcome/preview", VIEWER),
            view("/editor/imports", VIEWER), view("/editor/imports/{id}", VIEWER),
            view("/editor/imports/{id}.json", VIEWER),
            // Changes and bulk exports: bodies refused after authorization (400), ids that do not exist (404).
            api("POST", "/api/articles", EDITOR, "{}"), api("PUT", "/api/articles/{id}", EDITOR, "{}"),
            api("DELETE", "/api/articles/{id}", EDITOR), api("POST", "/api/feeds", EDITOR, "{}"),
            api("DELETE", "/api/feeds/{id}", EDITOR), api("DELETE", "/api/subscribers/{id}", EDITOR),
            api("GET", "/api/subscribers.csv", EDITOR), row("POST", "/api/subscribers/imports", EDITOR, "", "text/csv"),
            api("POST", "/api/subscribers/imports/{id}/run", EDITOR),
            api("PUT", "/api/digests/{date}", EDITOR, "{\"subject\":\"" + "x".repeat(201) + "\"}"),
            api("POST", "/api/digests/{date}/test", EDITOR, "{\"to\":[]}"),
            api("POST", "/api/digests/{date}/send", EDITOR), api("POST", "/api/digests/{date}/approve", EDITOR),
            api("POST", "/api/digests/{date}/retry-failed", EDITOR),
            api("GET", "/api/digests/{date}/deliveries.csv", EDITOR),
            form("/editor/issues/{date}/curation", EDITOR, "lead=not-an-article"),
            form("/editor/issues/{date}/test", EDITOR, "to=not-an-address"),
            form("/editor/issues/{date}/send", EDITOR, ""), form("/editor/issues/{date}/approve", EDITOR, ""),
            form("/editor/issues/{date}/retry-failed", EDITOR, ""),
            view("/editor/issues/{date}/deliveries.csv", EDITOR), view("/editor/readers.csv", EDITOR),
            row("POST", "/editor/imports", EDITOR, "", MULTIPART), form("/editor/imports/{id}/run", EDITOR, ""),
            view("/editor/imports/{id}/errors.csv", EDITOR),
            // Accounts and the audit log.
            api("GET", "/api/editors", ADMIN), api("POST", "/api/editors", ADMIN, "{\"username\":\"x\"}"),
            api("PUT", "/api/editors/{username}", ADMIN, "{\"role\":\"viewer\"}"),
            api("DELETE", "/api/editors/{username}", ADMIN), api("GET", "/api/audit", ADMIN),
            view("/editor/team", ADMIN), form("/editor/team", ADMIN, ""),
            form("/editor/team/{username}", ADMIN, "role=viewer"), form("/editor/team/{username}/delete", ADMIN, ""),
            view("/editor/audit", ADMIN));

    /** Called as nobody only: for an account it would really end the session the other rows use. */
    private static final Set<String> NOBODY_ONLY = Set.of("POST /editor/logout");
    private static final List<Integer> DESK_ANSWERS = List.of(200, 303, 400, 404, 409);
    /** Answers that say the request never reached the method, so that its authorization was not what answered. */
    private static final Set<Integer> NOT_REACHED = Set.of(401, 403, 405, 415);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String JAX_RS = "jakarta.ws.rs.";
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** Who calls: nobody, or an account of one role. */
    enum Who {
        NOBODY(null), VIEWER(Access.VIEWER), EDITOR(Access.EDITOR), ADMIN(Access.ADMIN);

        final Access rank;

        Who(Access rank) {
            this.rank = rank;
        }

        boolean may(Access access) {
            return rank != null && access.compareTo(rank) <= 0;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Account(String name, String password, Map<String, String> cookies, String csrf) {
    }

    private static final Map<Who, Account> ACCOUNTS = new EnumMap<>(Who.class);

    @Test
    void everyRouteOfTheApplicationHasARuleInTheTable() {
        Set<String> routes = routesOfTheApplication();
        assertThat(routes).as("routes found in the application's classes").isNotEmpty();
        Set<String> rules = new TreeSet<>();
        List<String> twice = new ArrayList<>();
        for (Row row : TABLE) {
            if (!rules.add(key(row.method(), row.pathTemplate()))) {
                twice.add(row.method() + " " + row.pathTemplate());
            }
        }
        Set<String> withoutRule = new TreeSet<>(routes);
        withoutRule.removeAll(rules);
        Set<String> withoutRoute = new TreeSet<>(rules);
        withoutRoute.removeAll(routes);
        assertThat(withoutRule).as("routes of the application without a row in the table").isEmpty();
        assertThat(withoutRoute).as("rows of the table without a route in the application").isEmpty();
        assertThat(twice).as("rows of the table given twice").isEmpty();
    }

    @Test
    void eachRoleGetsWhatTheTableSays() {
        List<String> mismatches = new ArrayList<>();
        for (Row row : TABLE) {
            if (row.access() == PUBLIC) {
                continue;
            }
            for (Who who : Who.values()) {
                if (who != Who.NOBODY && NOBODY_ONLY.contains(row.method() + " " + row.pathTemplate())) {
                    continue;
                }
                Response answer = call(row, who);
                String expected = unexpected(row, who, answer);
                if (expected != null) {
                    String type = answer.contentType() == null || answer.contentType().isEmpty() ? ""
                            : " " + answer.contentType();
                    mismatches.add(row.method() + " " + row.concretePath() + " as " + who.label() + ": expected "
                            + expected + ", got " + answer.statusCode() + type);
                }
            }
        }
        assertThat(mismatches).withFailMessage("%d answers differ from the table:%n%s", mismatches.size(),
                String.join(System.lineSeparator(), mismatches)).isEmpty();
    }

    /** What the answer should have been, or null when it is what the table says. */
    private static String unexpected(Row row, Who who, Response answer) {
        int status = answer.statusCode();
        boolean desk = row.pathTemplate().startsWith("/editor");
        if (who == Who.NOBODY) {
            String location = answer.header("Location");
            String challenge = answer.header("WWW-Authenticate");
            return desk
                    ? (status == 302 && location != null && location.endsWith("/editor/login") ? null
                            : "302 to /editor/login")
                    : (status == 401 && challenge != null && challenge.contains("Basic") ? null
                            : "401 with a Basic challenge");
        }
        if (!who.may(row.access())) {
            String type = answer.contentType();
            return status == 403 && (desk || type != null && type.startsWith(PROBLEM)) ? null
                    : desk ? "403" : "403 " + PROBLEM;
        }
        if (desk) {
            return DESK_ANSWERS.contains(status) ? null : "one of " + DESK_ANSWERS;
        }
        return status < 500 && !NOT_REACHED.contains(status) ? null
                : "an answer past authorization (no 401, 403, 405, 415 or 5xx)";
    }

    private static Response call(Row row, Who who) {
        RequestSpecification request = given().redirects().follow(false);
        Account account = who == Who.NOBODY ? null : account(who);
        if (!row.pathTemplate().startsWith("/editor")) {
            if (account != null) {
                request = request.auth().preemptive().basic(account.name(), account.password());
            }
            request = request.contentType(row.contentType());
            if (row.body() != null) {
                request = request.body(row.body().getBytes(StandardCharsets.UTF_8));
            }
            return request.request(row.method(), row.concretePath());
        }
        if (account != null) {
            request = request.cookies(account.cookies());
        }
        String csrf = account == null ? "no-session-no-token" : account.csrf();
        if (MULTIPART.equals(row.contentType())) {
            request = request.multiPart(EditorCsrf.FIELD, csrf).multiPart("file", "empty.csv", new byte[0], "text/csv");
        } else if (FORM.equals(row.contentType())) {
            request = request.contentType(ContentType.URLENC).formParam(EditorCsrf.FIELD, csrf);
            for (String field : row.body().split("&")) {
                if (!field.isEmpty()) {
                    String[] pair = field.split("=", 2);
                    request = request.formParam(pair[0], pair[1]);
                }
            }
        }
        return request.request(row.method(), row.concretePath());
    }

    /** The accounts, made and signed in once: a new viewer and editor, and the configured admin. */
    private static synchronized Account account(Who who) {
        if (ACCOUNTS.isEmpty()) {
            ACCOUNTS.put(Who.VIEWER, signIn(create("viewer", "matrix-viewer-pass-2026"), "matrix-viewer-pass-2026"));
            ACCOUNTS.put(Who.EDITOR, signIn(create("editor", "matrix-editor-pass-2026"), "matrix-editor-pass-2026"));
            ACCOUNTS.put(Who.ADMIN, signIn(Api.EDITOR, Api.EDITOR_PASSWORD));
        }
        return ACCOUNTS.get(who);
    }

    private static String create(String role, String password) {
        String name = "matrix-" + role + "-" + System.nanoTime();
        Api.asEditor().body(Map.of("username", name, "password", password, "role", role)).when().post("/api/editors")
                .then().statusCode(201);
        return name;
    }

    /** Signs in on the desk and takes a CSRF token from the account page, which every account may read. */
    private static Account signIn(String name, String password) {
        Response login = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("username", name)
                .formParam("password", password).when().post("/editor/login");
        Map<String, String> cookies = new HashMap<>(login.cookies());
        assertThat(cookies).as("the login cookie of %s", name).containsKey("quarkus-credential");
        Response page = given().redirects().follow(false).cookies(cookies).when().get("/editor/account");
        assertThat(page.statusCode()).as("%s reads its own account page", name).isEqualTo(200);
        Matcher token = CSRF.matcher(page.asString());
        assertThat(token.find()).as("a CSRF field on the account page of %s", name).isTrue();
        cookies.putAll(page.cookies());
        assertThat(cookies).as("the CSRF cookie of %s", name).containsKey(EditorCsrf.COOKIE);
        return new Account(name, password, Map.copyOf(cookies), token.group(1));
    }

    /** Every resource method: "METHOD /class/path/method/path", read from the compiled classes by ArchUnit. */
    private static Set<String> routesOfTheApplication() {
        Path compiled = Path.of("target", "classes");
        JavaClasses main = Files.isDirectory(compiled) ? new ClassFileImporter().importPath(compiled)
                : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.sundaydigest");
        Set<String> routes = new TreeSet<>();
        for (JavaClass resource : main) {
            Optional<String> root = pathOf(resource.getAnnotations());
            if (!resource.getPackageName().startsWith("org.sundaydigest") || root.isEmpty()) {
                continue;
            }
            for (JavaMethod method : resource.getMethods()) {
                Optional<String> verb = method.getAnnotations().stream().map(a -> a.getRawType().getName())
                        .filter(n -> n.startsWith(JAX_RS) && HTTP_METHODS.contains(n.substring(JAX_RS.length())))
                        .map(n -> n.substring(JAX_RS.length())).findFirst();
                Optional<String> sub = pathOf(method.getAnnotations());
                if (verb.isPresent() || sub.isPresent()) {
                    // A @Path without an HTTP method is a sub-resource locator: it gets no row, so it fails here.
                    routes.add(key(verb.orElse("LOCATOR"), root.get() + "/" + sub.orElse("")));
                }
            }
        }
        return routes;
    }

    private static Optional<String> pathOf(Collection<? extends JavaAnnotation<?>> annotations) {
        return annotations.stream().filter(a -> a.getRawType().getName().equals(JAX_RS + "Path")).findFirst()
                .flatMap(a -> a.get("value")).map(Object::toString);
    }

    private static String key(String method, String template) {
        return method + " " + normalise(template);
    }

    /** Slashes collapsed, no trailing one, and every parameter ({@code {date}}, {@code {id: \d+}}) as {@code {}}. */
    static String normalise(String template) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : ("/" + template).toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    out.append("{}");
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        String path = out.toString().replaceAll("/{2,}", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Row open(String method, String template) {
        return row(method, template, PUBLIC, null, null);
    }

    private static Row api(String method, String template, Access access) {
        return row(method, template, access, null, JSON);
    }

    private static Row api(String method, String template, Access access, String body) {
        return row(method, template, access, body, JSON);
    }

    private static Row view(String template, Access access) {
        return row("GET", template, access, null, null);
    }

    /** A desk form; the CSRF token of the calling account is added to these fields. */
    private static Row form(String template, Access access, String fields) {
        return row("POST", template, access, fields, FORM);
    }

    private static Row row(String method, String template, Access access, String body, String contentType) {
        String concrete = template.replace("{date}", DATE).replace("{username}", NO_SUCH_ACCOUNT)
                .replaceAll("\\{[^}]*\\}", NO_SUCH_ID);
        return new Row(method, template, concrete, access, body, contentType);
    }
}
