-- The current address rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('address', ['address_id'], ['address_id', 'address', 'address2', 'district', 'city_id', 'postal_code', 'phone', 'last_update']) }}
