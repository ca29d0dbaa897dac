-- The current payment rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('payment', ['payment_id'], ['payment_id', 'customer_id', 'staff_id', 'rental_id', 'amount', 'payment_date']) }}
