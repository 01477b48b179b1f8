package io.shardq.catalogue.internal.mongo;

import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueContract;
import io.shardq.catalogue.CatalogueTesting;
import io.shardq.testing.MongoServerExtension;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoCatalogueIT extends CatalogueContract {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    private static MongoCatalogueDatabase database;
    private static MongoCatalogue catalogue;

    @BeforeAll
    static void open() {
        database = MongoCatalogueDatabase.open(CatalogueTesting.config(mongo, null));
        catalogue = new MongoCatalogue(database, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    protected Catalogue catalogue() {
        return catalogue;
    }
}
