/// The schema of postgresqltutorial's `dvdrental` sample, split around the bulk load as pg_dump
/// splits it: tables, types and row triggers first (the fulltext trigger must fill `film.fulltext` during
/// COPY), keys, unique constraints and foreign keys after the rows are in, which is several times faster
/// than checking every row's foreign keys during COPY.
enum DVDRentalSchema {
    /// Types, the trigger functions and the 15 tables with their columns and defaults.
    static let tables = """
        CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
        CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
        CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.last_update = CURRENT_TIMESTAMP; RETURN NEW; END $$;

        CREATE TABLE actor (actor_id serial, first_name varchar(45) NOT NULL, last_name varchar(45) NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE category (category_id serial, name varchar(25) NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE country (country_id serial, country varchar(50) NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE city (city_id serial, city varchar(50) NOT NULL, country_id smallint NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE address (address_id serial, address varchar(50) NOT NULL, address2 varchar(50),
          district varchar(20) NOT NULL, city_id smallint NOT NULL, postal_code varchar(10), phone varchar(20) NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE language (language_id serial, name character(20) NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE film (film_id serial, title varchar(255) NOT NULL, description text, release_year year,
          language_id smallint NOT NULL, rental_duration smallint NOT NULL DEFAULT 3, rental_rate numeric(4,2) NOT NULL DEFAULT 4.99,
          length smallint, replacement_cost numeric(5,2) NOT NULL DEFAULT 19.99, rating mpaa_rating DEFAULT 'G',
          last_update timestamp without time zone NOT NULL DEFAULT now(), special_features text[], fulltext tsvector NOT NULL);
        CREATE TABLE film_actor (actor_id smallint NOT NULL, film_id smallint NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE film_category (film_id smallint NOT NULL, category_id smallint NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE staff (staff_id serial, first_name varchar(45) NOT NULL, last_name varchar(45) NOT NULL,
          address_id smallint NOT NULL, email varchar(50), store_id smallint NOT NULL, active boolean NOT NULL DEFAULT true,
          username varchar(16) NOT NULL, password varchar(40), last_update timestamp without time zone NOT NULL DEFAULT now(), picture bytea);
        CREATE TABLE store (store_id serial, manager_staff_id smallint NOT NULL, address_id smallint NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE customer (customer_id serial, store_id smallint NOT NULL, first_name varchar(45) NOT NULL,
          last_name varchar(45) NOT NULL, email varchar(50), address_id smallint NOT NULL, activebool boolean NOT NULL DEFAULT true,
          create_date date NOT NULL DEFAULT ('now'::text)::date, last_update timestamp without time zone DEFAULT now(), active integer);
        CREATE TABLE inventory (inventory_id serial, film_id smallint NOT NULL, store_id smallint NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE rental (rental_id serial, rental_date timestamp without time zone NOT NULL, inventory_id integer NOT NULL,
          customer_id smallint NOT NULL, return_date timestamp without time zone, staff_id smallint NOT NULL,
          last_update timestamp without time zone NOT NULL DEFAULT now());
        CREATE TABLE payment (payment_id serial, customer_id smallint NOT NULL, staff_id smallint NOT NULL,
          rental_id integer NOT NULL, amount numeric(5,2) NOT NULL, payment_date timestamp without time zone NOT NULL);

        CREATE TRIGGER film_fulltext_trigger BEFORE INSERT OR UPDATE ON film
          FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(fulltext, 'pg_catalog.english', title, description);
        """

    /// Keys, constraints, indexes, sequence positions and the `last_update` triggers, after the load.
    static let constraints: String = {
        let keyed: [(String, String)] = [
            ("actor", "actor_id"), ("category", "category_id"), ("country", "country_id"), ("city", "city_id"),
            ("address", "address_id"), ("language", "language_id"), ("film", "film_id"), ("film_actor", "actor_id, film_id"),
            ("film_category", "film_id, category_id"), ("staff", "staff_id"), ("store", "store_id"), ("customer", "customer_id"),
            ("inventory", "inventory_id"), ("rental", "rental_id"), ("payment", "payment_id"),
        ]
        var sql = keyed.map { "ALTER TABLE \($0.0) ADD CONSTRAINT \($0.0)_pkey PRIMARY KEY (\($0.1));" }
        sql += [
            "ALTER TABLE rental ADD CONSTRAINT rental_rental_date_inventory_id_customer_id_key UNIQUE (rental_date, inventory_id, customer_id);",
            "ALTER TABLE store ADD CONSTRAINT store_manager_staff_id_key UNIQUE (manager_staff_id);",
        ]
        let foreignKeys: [(String, String, String)] = [
            ("city", "country_id", "country"), ("address", "city_id", "city"), ("film", "language_id", "language"),
            ("film_actor", "actor_id", "actor"), ("film_actor", "film_id", "film"), ("film_category", "film_id", "film"),
            ("film_category", "category_id", "category"), ("staff", "address_id", "address"), ("store", "manager_staff_id", "staff"),
            ("store", "address_id", "address"), ("customer", "address_id", "address"), ("inventory", "film_id", "film"),
            ("rental", "inventory_id", "inventory"), ("rental", "customer_id", "customer"), ("rental", "staff_id", "staff"),
            ("payment", "customer_id", "customer"), ("payment", "staff_id", "staff"), ("payment", "rental_id", "rental"),
        ]
        sql += foreignKeys.map { table, column, target in
            "ALTER TABLE \(table) ADD CONSTRAINT \(table)_\(column)_fkey FOREIGN KEY (\(column)) REFERENCES \(target) ON UPDATE CASCADE ON DELETE RESTRICT;"
        }
        sql += [
            "CREATE INDEX idx_fk_customer_id ON payment (customer_id);", "CREATE INDEX idx_fk_rental_id ON payment (rental_id);",
            "CREATE INDEX idx_fk_inventory_id ON rental (inventory_id);", "CREATE INDEX film_fulltext_idx ON film USING gist (fulltext);",
        ]
        let serials = keyed.filter { !$0.1.contains(",") }
        sql += serials.map { table, column in
            "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), (SELECT coalesce(max(\(column)), 0) + 1 FROM \(table)), false);"
        }
        sql += DVDRentalTable.allCases.filter(\.hasLastUpdate).map {
            "CREATE TRIGGER last_updated BEFORE UPDATE ON \($0.rawValue) FOR EACH ROW EXECUTE FUNCTION last_updated();"
        }
        return sql.joined(separator: "\n")
    }()
}
