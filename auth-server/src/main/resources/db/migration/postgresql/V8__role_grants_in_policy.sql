-- What roles grant now lives in the permission policy file that both servers load (unified-auth.policy.location);
-- the database keeps who holds which role (user_role).
DROP TABLE role_scope;
