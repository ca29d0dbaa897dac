-- The current film_category rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('film_category', ['film_id', 'category_id'], ['film_id', 'category_id', 'last_update']) }}
