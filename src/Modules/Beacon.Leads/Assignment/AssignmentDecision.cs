namespace Beacon.Leads.Assignment;

/// <summary>Who gets a new lead and why (the reason goes on its timeline).</summary>
internal sealed record AssignmentDecision(Guid? AgentId, string Method, string Reason);
