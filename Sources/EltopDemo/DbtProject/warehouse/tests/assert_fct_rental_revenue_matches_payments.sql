-- The fact table's revenue equals the payments' total: payments are neither lost nor counted twice
-- (the seed appended payments again on every run). Returns a row when they differ.
select f.total as fact_total, p.total as payment_total
from (select coalesce(sum(amount_paid), 0) as total from {{ ref('fct_rental') }}) f
cross join (select coalesce(sum(amount), 0) as total from {{ ref('stg_payment') }}) p
where f.total <> p.total
