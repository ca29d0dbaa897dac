-- The source schema of the captured pgoutput fixtures: a slice of the DVD-rental sample with its
-- enum and domain columns, a composite key, and a TOASTed column.
CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE TABLE film (
    film_id serial PRIMARY KEY, title varchar(255) NOT NULL, description text, release_year year,
    rental_rate numeric(4,2) NOT NULL DEFAULT 4.99, rating mpaa_rating DEFAULT 'G', special_features text[],
    fulltext tsvector, last_update timestamp NOT NULL DEFAULT now());
ALTER TABLE film ALTER COLUMN description SET STORAGE EXTERNAL;
CREATE TABLE film_actor (actor_id smallint NOT NULL, film_id smallint NOT NULL, last_update timestamp NOT NULL DEFAULT now(),
    PRIMARY KEY (actor_id, film_id));
CREATE TABLE rental (rental_id serial PRIMARY KEY, rental_date timestamp NOT NULL, inventory_id integer NOT NULL,
    customer_id smallint NOT NULL, return_date timestamp, staff_id smallint NOT NULL, last_update timestamp NOT NULL DEFAULT now());
CREATE PUBLICATION fixture_publication FOR TABLE film, film_actor, rental;
SELECT pg_create_logical_replication_slot('fixture_slot', 'pgoutput');
