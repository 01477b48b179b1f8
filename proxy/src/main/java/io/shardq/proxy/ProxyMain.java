package io.shardq.proxy;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import io.shardq.common.config.ConfigException;
import io.shardq.common.config.ListenerConfig;
import io.shardq.common.config.YamlConfig;
import io.shardq.common.lifecycle.Lifecycle;
import io.shardq.proxy.config.ProxyConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code scripts/proxy}: loads and validates the config, wires the proxy, runs until stopped. */
@Command(name = "proxy", mixinStandardHelpOptions = true, subcommands = ProxyMain.Check.class,
        description = "Runs the smart proxy: one Zaqar URL over every partition, plus the admin API.")
public final class ProxyMain implements Callable<Integer> {

    @Mixin
    Options options = new Options();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProxyMain()).execute(args));
    }

    /** Settings shared by the proxy and its {@code check} subcommand. */
    static final class Options {
        @Option(names = "--config", description = "YAML configuration file (see deploy/proxy.yml).")
        Path config;

        @Option(names = "--public-port", description = "Public API port (0 = any free port).")
        Integer publicPort;

        @Option(names = "--admin-port", description = "Admin API port (0 = any free port).")
        Integer adminPort;

        @Option(names = "--admin-token", description = "Admin bearer token (default: $ADMIN_TOKEN, else generated).")
        String adminToken;

        @Option(names = "--catalogue-uri", description = "MongoDB of the catalogue: mongodb://…")
        String catalogueUri;

        @Option(names = "--embedded-catalogue", description = "Run the catalogue in-process, with its data in DIR.")
        String embeddedCatalogue;

        @Option(names = "--redis-uri", description = "Redis for the catalogue cache and invalidation: redis://host:port")
        String redisUri;

        ProxyConfig resolve() {
            ProxyConfig loaded = YamlConfig.load(config, ProxyConfig.class, ProxyConfig::defaults);
            ListenerConfig publicApi = publicPort == null ? loaded.publicApi()
                    : new ListenerConfig(loaded.publicApi().host(), publicPort);
            ListenerConfig admin = adminPort == null ? loaded.admin()
                    : new ListenerConfig(loaded.admin().host(), adminPort);
            String token = adminToken != null ? adminToken : loaded.adminToken() != null ? loaded.adminToken()
                    : System.getenv("ADMIN_TOKEN");
            ProxyConfig.CatalogueSettings settings = loaded.catalogue();
            ProxyConfig.CatalogueSettings catalogue = new ProxyConfig.CatalogueSettings(
                    catalogueUri != null ? catalogueUri : embeddedCatalogue != null ? null : settings.mongoUri(),
                    settings.mongoDatabase(), redisUri != null ? redisUri : settings.redisUri(),
                    embeddedCatalogue != null ? embeddedCatalogue : settings.embeddedDir());
            ProxyConfig resolved = loaded.with(publicApi, admin, token, catalogue);
            YamlConfig.requireValid(config == null ? "command line" : config.toString(), resolved.problems());
            return resolved;
        }
    }

    @Override
    public Integer call() throws Exception {
        ProxyConfig config;
        try {
            config = options.resolve();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        boolean generated = config.adminToken() == null || config.adminToken().isBlank();
        if (generated) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            config = config.with(config.publicApi(), config.admin(), HexFormat.of().formatHex(random), config.catalogue());
        }
        MetricRegistry metrics = new MetricRegistry();
        metrics.registerAll("jvm.memory", new MemoryUsageGaugeSet());
        ProxyServer proxy = new ProxyServer(config, metrics).start();
        List<String> lines = new ArrayList<>(List.of("public " + proxy.publicUrl(), "admin " + proxy.adminUrl(),
                "catalogue " + proxy.catalogueUri()));
        if (generated) {
            lines.add("admin-token " + config.adminToken());
        }
        Lifecycle.announceAndAwait(lines, proxy::stop);
        return 0;
    }

    /** {@code proxy check --config FILE}: validates the configuration and exits. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validates the configuration and exits.")
    static final class Check implements Callable<Integer> {
        @Mixin
        Options options = new Options();

        @Override
        public Integer call() {
            try {
                ProxyConfig config = options.resolve();
                System.out.println("configuration OK: public port " + config.publicApi().port() + ", admin port "
                        + config.admin().port());
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
