INSERT INTO products (id, name, price_cents) SELECT 1, 'Coffee mug', 1200 WHERE NOT EXISTS (SELECT 1 FROM products WHERE id = 1);
INSERT INTO products (id, name, price_cents) SELECT 2, 'Espresso beans 1kg', 2490 WHERE NOT EXISTS (SELECT 1 FROM products WHERE id = 2);
INSERT INTO products (id, name, price_cents) SELECT 3, 'Milk frother', 3999 WHERE NOT EXISTS (SELECT 1 FROM products WHERE id = 3);
