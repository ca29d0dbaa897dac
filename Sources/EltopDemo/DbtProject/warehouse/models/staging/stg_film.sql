-- The current film rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('film', ['film_id'], ['film_id', 'title', 'description', 'release_year', 'language_id', 'rental_duration', 'rental_rate', 'length', 'replacement_cost', 'rating', 'last_update', 'special_features', 'fulltext']) }}
