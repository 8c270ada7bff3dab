-- The member's phone and e-mail signature as Identity announces them (user.profile_changed), for {{agent.phone}} and
-- {{agent.signature}} in workflow messages.
ALTER TABLE workflows.members ADD COLUMN phone text, ADD COLUMN signature text;
