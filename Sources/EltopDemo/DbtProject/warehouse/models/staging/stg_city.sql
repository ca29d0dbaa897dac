-- The current city rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('city', ['city_id'], ['city_id', 'city', 'country_id', 'last_update']) }}
