-- The current rental rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('rental', ['rental_id'], ['rental_id', 'rental_date', 'inventory_id', 'customer_id', 'return_date', 'staff_id', 'last_update']) }}
