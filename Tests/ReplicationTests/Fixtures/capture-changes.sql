-- The transactions whose pgoutput bytes are in changes.hex, one per scenario, in this order.
-- 1. one insert with NULLs
INSERT INTO rental (rental_date, inventory_id, customer_id, return_date, staff_id, last_update)
VALUES ('2005-05-24 22:53:30', 367, 130, NULL, 1, '2006-02-15 21:30:53');
-- 2. multi-row, multi-table: enum, domain, array, tsvector, a TOASTed description, a composite key
BEGIN;
INSERT INTO film (title, description, release_year, rental_rate, rating, special_features, fulltext, last_update)
VALUES ('Academy Dinosaur', repeat('A Epic Drama of a Feminist And a Mad Scientist ', 100), 2006, 0.99, 'PG',
        '{"Deleted Scenes","Behind the Scenes"}', to_tsvector('academy dinosaur'), '2013-05-26 14:50:58.951');
INSERT INTO film_actor (actor_id, film_id, last_update) VALUES (1, 1, '2006-02-15 10:05:03'), (10, 1, '2006-02-15 10:05:03');
INSERT INTO rental (rental_date, inventory_id, customer_id, return_date, staff_id, last_update)
VALUES ('2005-05-24 22:54:33', 1525, 459, '2005-05-28 19:40:33', 1, '2006-02-15 21:30:53');
COMMIT;
-- 3. an update that leaves the TOASTed description untouched ('u'), and one that sets a NULL
UPDATE film SET rating = 'NC-17', rental_rate = 2.99 WHERE film_id = 1;
UPDATE rental SET return_date = NULL WHERE rental_id = 2;
-- 4. an update of a composite key (old key sent as 'K') and deletes (key only)
UPDATE film_actor SET actor_id = 11 WHERE actor_id = 10 AND film_id = 1;
DELETE FROM film_actor WHERE actor_id = 1 AND film_id = 1;
DELETE FROM rental WHERE rental_id = 1;
-- 5. truncate
TRUNCATE rental;
